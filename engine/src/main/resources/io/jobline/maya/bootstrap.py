"""Written by Jobline: one work item of Python snippets inside Maya (see docs/maya.md).

mayapy bootstrap.py JOB.json START END: starts Maya standalone, sets the workspace, opens the scene, then evaluates
the snippets of items START..END, writing START.json .. END.json next to JOB.json: {"value": ...} or
{"error": "Type: message", "traceback": "..."}. A snippet's failure is its item's; Maya failing to start or to open
the scene fails the whole work item (exit code 3, the traceback in the log).
"""
import json
import linecache
import os
import sys
import traceback


def write_result(folder, index, result):
    path = os.path.join(folder, '%d.json' % index)
    tmp = os.path.join(folder, '.%d.json.%d.tmp' % (index, os.getpid()))
    with open(tmp, 'w') as out:
        json.dump(result, out)
        out.flush()
        os.fsync(out.fileno())
    os.rename(tmp, path)


def evaluate(snippet, index, names):
    filename = '<snippet %d>' % index
    # So that the traceback shows the snippet's own lines.
    linecache.cache[filename] = (len(snippet), None, snippet.splitlines(True), filename)
    try:
        code = compile(snippet, filename, 'eval')
    except SyntaxError:
        code = None
    if code is not None:
        return eval(code, names)
    exec(compile(snippet, filename, 'exec'), names)
    return names.get('result')


def run_item(job, index, modules):
    names = dict(modules)
    names['item'] = job['items'][index]
    names['__name__'] = '__jobline__'
    try:
        value = evaluate(job['snippets'][index], index, names)
        try:
            text = json.dumps({'value': value})
        except (TypeError, ValueError) as e:
            raise TypeError('the value of type %s is not JSON (%s); return strings, numbers, lists or dicts'
                            % (type(value).__name__, e)) from None
        result = json.loads(text)
    except Exception as e:
        result = {'error': '%s: %s' % (type(e).__name__, e), 'traceback': traceback.format_exc()}
    write_result(job['results'], index, result)


def main(job_file, start, end):
    with open(job_file) as f:
        job = json.load(f)
    import maya.standalone
    maya.standalone.initialize(name='python')
    try:
        import maya.cmds as cmds
        import maya.mel as mel
        if job.get('workspace'):
            # Before the scene, so that its relative paths (references, textures) resolve in the project.
            print('# jobline: workspace %s' % job['workspace'], flush=True)
            cmds.workspace(job['workspace'], openWorkspace=True)
        print('# jobline: opening %s' % job['scene'], flush=True)
        cmds.file(job['scene'], open=True, force=True)
        modules = {'cmds': cmds, 'mel': mel, 'maya': maya}
        for index in range(start, end + 1):
            run_item(job, index, modules)
    finally:
        try:
            maya.standalone.uninitialize()
        except Exception:
            traceback.print_exc()


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.stderr.write('usage: mayapy bootstrap.py JOB.json START END\n')
        sys.exit(2)
    try:
        main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
    except SystemExit:
        raise
    except BaseException:
        traceback.print_exc()
        sys.exit(3)
    sys.stdout.flush()
