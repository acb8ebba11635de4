"""Shared by the Maya stand-ins: one JSON line per event in $MAYA_STANDIN_RECORDS/<tool>-<pid>.jsonl."""
import json
import os


def record(tool, event, **fields):
    folder = os.environ.get('MAYA_STANDIN_RECORDS')
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    fields['event'] = event
    fields['pid'] = os.getpid()
    with open(os.path.join(folder, '%s-%d.jsonl' % (tool, os.getpid())), 'a') as out:
        out.write(json.dumps(fields) + '\n')


def nap():
    seconds = os.environ.get('MAYA_STANDIN_SLEEP')
    if seconds:
        import time
        time.sleep(float(seconds))
