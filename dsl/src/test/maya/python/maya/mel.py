"""Fake maya.mel: eval records its argument and answers nothing."""
import standin_record


def eval(command):
    standin_record.record('mayapy', 'mel', command=command)
