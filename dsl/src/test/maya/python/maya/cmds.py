"""Fake maya.cmds: a scene is its createNode lines; answers like Maya for the few commands here."""
import builtins
import hashlib
import os
import re

from maya import standalone
import standin_record

_nodes = {}
_workspace = [os.getcwd()]
_scene = [None]
_CREATE = re.compile(r'^\s*createNode\s+(\w+)\s+.*?-n\s+"([^"]+)"')


def _need_maya():
    if not standalone.initialized:
        raise RuntimeError('Maya is not initialized: call maya.standalone.initialize() first')


def file(path=None, open=False, force=False, query=False, sceneName=False, **flags):
    _need_maya()
    if query:
        return _scene[0] or ''
    if not open:
        raise RuntimeError('file: only open=True is known to the stand-in')
    full = path if os.path.isabs(path) else os.path.join(_workspace[0], path)
    if not os.path.isfile(full):
        raise RuntimeError('File not found: %s' % path)
    with builtins.open(full, "rb") as f:
        data = f.read()
    _nodes.clear()
    for line in data.decode('utf-8', 'replace').splitlines():
        m = _CREATE.match(line)
        if m:
            _nodes[m.group(2)] = m.group(1)
    _scene[0] = full
    standin_record.record('mayapy', 'open', scene=full, sha1=hashlib.sha1(data).hexdigest(), force=force)
    return full


def workspace(path=None, openWorkspace=False, query=False, rootDirectory=False, q=False, rd=False):
    _need_maya()
    if query or q:
        return _workspace[0]
    if not os.path.isdir(path):
        raise RuntimeError('workspace: no such folder %s' % path)
    _workspace[0] = path
    standin_record.record('mayapy', 'workspace', path=path)


def ls(type=None, **flags):
    _need_maya()
    return sorted(name for name, kind in _nodes.items() if type is None or kind == type)


def nodeType(name):
    _need_maya()
    if name not in _nodes:
        raise ValueError('No object matches name: %s' % name)
    return _nodes[name]


def objExists(name):
    _need_maya()
    return name in _nodes


def about(version=False, **flags):
    return os.environ.get('MAYA_STANDIN_VERSION', '2025')
