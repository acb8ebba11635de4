#!/usr/bin/env python3
"""A stand-in for PipelineFX Qube's command-line tools, as /work/shared/QUBE.md (docs/qube.md) describes them.

Called as qbsub, qbjobs, qbkill, qbretry, qbout or qberr (the links in bin/). It really runs the work items on this
machine, at most --cpus at once, with QB_FRAME_START / QB_FRAME_END / QB_FRAME_NUMBER substituted and QBJOBID /
QBSUBID in the environment, keeps its state in $QUBE_STANDIN_STATE (default /tmp/qube-standin-$UID), writes
per-instance logs there (job/<id/1000>/<id>/<id>_<subid>.out|.err), and answers qbjobs --xml with status names or
integer codes chosen at random per call. Unknown options are an error. QUBE_STANDIN_BADLOGIN=1 at qbsub time makes
the job end 'badlogin' without running anything (as a farm whose user cannot log in on the workers).

No scheduling, priorities, preemption or host selection: its reading of the documentation is its truth.
"""
import fcntl
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from xml.sax.saxutils import escape

CODES = {'complete': 16, 'failed': 32, 'killed': 48, 'blocked': 272, 'waiting': 288, 'suspended': 304,
         'pending': 320, 'badlogin': 325, 'running': 336}
FINAL = {'complete', 'failed', 'killed', 'badlogin'}
VALUED = ['--name', '--priority', '--cluster', '--groups', '--omitgroups', '--hosts', '--cpus', '--reservations',
          '--requirements', '--restrictions', '--timelimit', '--agendatimelimit', '--retrywork', '--retryworkdelay',
          '--range', '--chunk', '--type']
FLAGS = ['--xml']


def state_dir():
    d = os.environ.get('QUBE_STANDIN_STATE') or '/tmp/qube-standin-%d' % os.getuid()
    os.makedirs(os.path.join(d, 'jobs'), exist_ok=True)
    return d


def fail(tool, message, code=1):
    sys.stderr.write('%s: %s\n' % (tool, message))
    sys.exit(code)


class Job:
    """One job's state file, read and written under an exclusive lock (flock), replaced atomically."""

    def __init__(self, jid):
        self.jid = str(jid)
        self.dir = os.path.join(state_dir(), 'jobs', self.jid)
        self.file = os.path.join(self.dir, 'job.json')

    def exists(self):
        return os.path.isfile(self.file)

    def read(self):
        with open(self.file) as f:
            return json.load(f)

    def update(self, change):
        with open(os.path.join(self.dir, 'lock'), 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = self.read()
            result = change(data)
            tmp = self.file + '.tmp'
            with open(tmp, 'w') as f:
                json.dump(data, f)
            os.replace(tmp, self.file)
            return result

    def log(self, subid, ext):
        n = int(self.jid)
        d = os.path.join(state_dir(), 'job', str(n // 1000), self.jid)
        os.makedirs(d, exist_ok=True)
        return os.path.join(d, '%s_%s.%s' % (self.jid, subid, ext))


def next_id():
    d = state_dir()
    with open(os.path.join(d, 'lock'), 'a') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        path = os.path.join(d, 'next-id')
        n = int(open(path).read()) if os.path.exists(path) else 1000
        with open(path, 'w') as f:
            f.write(str(n + 1))
        return n


def agenda(rng, chunk):
    try:
        a, b = rng.split('-', 1) if '-' in rng[1:] else (rng, rng)
        first, last, size = int(a), int(b), int(chunk)
    except ValueError:
        fail('qbsub', "--range must be A-B and --chunk a number, got '%s' and '%s'" % (rng, chunk))
    if last < first or size < 1:
        fail('qbsub', 'bad --range %s / --chunk %s' % (rng, chunk))
    work = []
    for start in range(first, last + 1, size):
        end = min(start + size - 1, last)
        name = str(start) if start == end else '%d-%d' % (start, end)
        work.append({'name': name, 'start': start, 'end': end, 'status': 'pending', 'retry': 0, 'host': '',
                     'subid': -1, 'pid': 0})
    return work


def qbsub(args):
    opts, i = {}, 0
    while i < len(args) and args[i].startswith('-'):
        a = args[i]
        key, _, value = a.partition('=')
        if key in FLAGS:
            opts[key] = True
            i += 1
        elif key in VALUED:
            if not value:
                if i + 1 >= len(args):
                    fail('qbsub', 'option %s needs a value' % key)
                value = args[i + 1]
                i += 1
            opts[key] = value
            i += 1
        else:
            fail('qbsub', "unknown option '%s' (the stand-in accepts: %s)" % (a, ' '.join(VALUED + FLAGS)))
    command = ' '.join(args[i:])
    if not command:
        fail('qbsub', 'no command line given')
    kind = opts.get('--type', 'cmdline')
    if kind not in ('cmdrange', 'cmdline'):
        fail('qbsub', "the stand-in runs --type cmdrange or cmdline, not '%s'" % kind)
    if kind == 'cmdrange':
        if '--range' not in opts:
            fail('qbsub', '--type cmdrange needs --range')
        work = agenda(opts['--range'], opts.get('--chunk', '1'))
    else:
        work = [{'name': '0', 'start': 0, 'end': 0, 'status': 'pending', 'retry': 0, 'host': '', 'subid': -1,
                 'pid': 0}]
    for key in ('--cpus', '--priority', '--retrywork', '--chunk', '--timelimit', '--retryworkdelay'):
        if key in opts and not opts[key].isdigit():
            fail('qbsub', "%s must be a whole number, got '%s'" % (key, opts[key]))
    jid = next_id()
    job = Job(jid)
    os.makedirs(job.dir)
    data = {'id': jid, 'name': opts.get('--name', command.split()[0]), 'status': 'pending', 'command': command,
            'cpus': int(opts.get('--cpus', '1')), 'retrywork': int(opts.get('--retrywork', '0')),
            'options': opts, 'work': work, 'supervisor': 0,
            'badlogin': os.environ.get('QUBE_STANDIN_BADLOGIN') == '1', 'cwd': os.getcwd()}
    with open(job.file, 'w') as f:
        json.dump(data, f)
    start_supervisor(job)
    if opts.get('--xml'):
        print("<?xml version='1.0'?>\n<joblist>\n  <object type='job'><id>%d</id><name>%s</name></object>\n</joblist>"
              % (jid, escape(data['name'])))
    else:
        print('job id: %d' % jid)


def start_supervisor(job):
    with open(os.path.join(job.dir, 'supervisor.log'), 'a') as log:
        p = subprocess.Popen([sys.executable, os.path.realpath(__file__), '_supervise', job.jid],
                             stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                             cwd=job.read()['cwd'])
    job.update(lambda d: d.__setitem__('supervisor', p.pid))


def supervise(jid):
    """Runs a job's work items: --cpus instances, each taking the next pending item until none is left."""
    job = Job(jid)
    data = job.read()
    if data['badlogin']:
        job.update(lambda d: d.__setitem__('status', 'badlogin'))
        with open(job.log(0, 'err'), 'a') as err:
            err.write('qube stand-in: badlogin: the job user cannot log in on %s\n' % socket.gethostname())
        return
    instances = [threading.Thread(target=instance, args=(job, sub)) for sub in range(max(1, data['cpus']))]
    for t in instances:
        t.start()
    for t in instances:
        t.join()

    def finish(d):
        if d['status'] not in FINAL:
            d['status'] = 'complete' if all(w['status'] == 'complete' for w in d['work']) else 'failed'
    job.update(finish)


def instance(job, sub):
    host = socket.gethostname()
    while True:
        def take(d):
            if d['status'] in FINAL:
                return None
            for n, w in enumerate(d['work']):
                if w['status'] == 'pending':
                    w.update(status='running', subid=sub, host=host, pid=0)
                    d['status'] = 'running'
                    return n, w['start'], w['end'], d['command']
            return None
        picked = job.update(take)
        if picked is None:
            return
        n, start, end, command = picked
        line = (command.replace('QB_FRAME_START', str(start)).replace('QB_FRAME_END', str(end))
                .replace('QB_FRAME_NUMBER', str(start)))
        env = dict(os.environ, QBJOBID=job.jid, QBSUBID=str(sub))
        env.pop('QUBE_STANDIN_BADLOGIN', None)
        with open(job.log(sub, 'out'), 'a') as out, open(job.log(sub, 'err'), 'a') as err:
            err.write('qube stand-in: instance %d runs work %s: %s\n' % (sub, job.read()['work'][n]['name'], line))
            err.flush()
            p = subprocess.Popen(['/bin/sh', '-c', line], stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                 start_new_session=True)

            def started(d):
                w = d['work'][n]
                w['pid'] = p.pid
                return w['status'] != 'running' or d['status'] == 'killed'
            if job.update(started):
                kill_group(p.pid)
            code = p.wait()
            err.write('qube stand-in: work %s exited %d\n' % (job.read()['work'][n]['name'], code))

        def ended(d):
            w = d['work'][n]
            if w['status'] != 'running' or d['status'] in FINAL:
                return
            w['pid'] = 0
            if code == 0:
                w['status'] = 'complete'
            elif w['retry'] < d['retrywork']:
                w['retry'] += 1
                w['status'] = 'pending'
            else:
                w['status'] = 'failed'
        job.update(ended)
        if job.read()['work'][n]['subid'] == -2:
            return      # this instance was killed (qbkill ID.SUBID)


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def job_ids(tool, args):
    ids = []
    for a in args:
        jid, _, sub = a.partition('.')
        if not jid.isdigit() or (sub and not sub.isdigit()):
            fail(tool, "not a job id (ID or ID.SUBID): '%s'" % a)
        ids.append((jid, sub))
    return ids


def qbkill(args):
    if any(a.startswith('-') for a in args):
        fail('qbkill', "unknown option '%s'" % next(a for a in args if a.startswith('-')))
    code = 0
    for jid, sub in job_ids('qbkill', args):
        job = Job(jid)
        if not job.exists():
            sys.stderr.write('qbkill: no such job %s\n' % jid)
            code = 1
            continue

        def kill(d):
            pids = []
            for w in d['work']:
                if w['status'] == 'running' and (not sub or w['subid'] == int(sub)):
                    pids.append(w['pid'])
                    w['status'] = 'killed'
                    if sub:
                        w['subid'] = -2
                elif not sub and w['status'] not in FINAL:
                    w['status'] = 'killed'
            if not sub and d['status'] not in FINAL:
                d['status'] = 'killed'
            return pids
        for pid in job.update(kill):
            if pid:
                kill_group(pid)
        print('killed %s%s' % (jid, '.' + sub if sub else ''))
    sys.exit(code)


def qbretry(args):
    failed_only = False
    ids = []
    for a in args:
        if a == '--workfailed':
            failed_only = True
        elif a.startswith('-'):
            fail('qbretry', "unknown option '%s'" % a)
        else:
            ids.append(a)
    for jid, _ in job_ids('qbretry', ids):
        job = Job(jid)
        if not job.exists():
            fail('qbretry', 'no such job %s' % jid)

        def retry(d):
            again = [w for w in d['work'] if w['status'] == 'failed' or (not failed_only and w['status'] == 'killed')]
            for w in again:
                w.update(status='pending', retry=w['retry'] + 1)
            if again:
                d['status'] = 'pending'
            return bool(again)
        if job.update(retry):
            start_supervisor(job)
        print('retrying %s' % jid)


def qbjobs(args):
    xml = False
    ids = []
    for a in args:
        if a == '--xml':
            xml = True
        elif a == '--status':
            pass
        elif a.startswith('-'):
            fail('qbjobs', "unknown option '%s'" % a)
        else:
            ids.append(a)
    if not ids:
        ids = sorted(os.listdir(os.path.join(state_dir(), 'jobs')), key=int)
    jobs = [Job(jid).read() for jid, _ in job_ids('qbjobs', ids) if Job(jid).exists()]
    codes = random.random() < 0.5

    def status(s):
        return str(CODES[s]) if codes and s in CODES else s
    if not xml:
        for d in jobs:
            print('%-8s %-12s %-30s' % (d['id'], d['status'], d['name']))
        return
    out = ["<?xml version='1.0'?>", '<joblist>']
    for d in jobs:
        out.append("  <object type='job'>")
        out.append('    <id>%d</id>\n    <name>%s</name>\n    <status>%s</status>' % (
            d['id'], escape(d['name']), status(d['status'])))
        out.append('    <work_list>')
        for w in d['work']:
            out.append("      <object type='work'><name>%s</name><status>%s</status><result></result>"
                       "<retry>%d</retry><host>%s</host></object>" % (
                           w['name'], status(w['status']), w['retry'], escape(w['host'])))
        out.append('    </work_list>')
        tally = {}
        for w in d['work']:
            tally[w['status']] = tally.get(w['status'], 0) + 1
        out.append('    <todo_tally>%s</todo_tally>' % ''.join('<%s>%d</%s>' % (k, v, k) for k, v in sorted(tally.items())))
        out.append('  </object>')
    out.append('</joblist>')
    print('\n'.join(out))


def qblog(tool, args, ext):
    if len(args) != 1 or args[0].startswith('-'):
        fail(tool, 'usage: %s JOBID[.SUBID]' % tool)
    [(jid, sub)] = job_ids(tool, args)
    job = Job(jid)
    if not job.exists():
        fail(tool, 'no such job %s' % jid)
    subs = [int(sub)] if sub else range(max(1, job.read()['cpus']))
    for s in subs:
        path = job.log(s, ext)
        if os.path.exists(path):
            sys.stdout.write(open(path).read())


def main():
    tool = os.path.basename(sys.argv[0])
    args = sys.argv[1:]
    if args[:1] == ['_supervise'] and len(args) == 2:
        supervise(args[1])
    elif tool == 'qbsub':
        qbsub(args)
    elif tool == 'qbjobs':
        qbjobs(args)
    elif tool == 'qbkill':
        qbkill(args)
    elif tool == 'qbretry':
        qbretry(args)
    elif tool == 'qbout':
        qblog(tool, args, 'out')
    elif tool == 'qberr':
        qblog(tool, args, 'err')
    else:
        fail('qube.py', 'call me as qbsub, qbjobs, qbkill, qbretry, qbout or qberr (see bin/)', 2)


if __name__ == '__main__':
    main()
