"""Fake maya.standalone: records initialize and uninitialize."""
import standin_record

initialized = False


def initialize(name='python'):
    global initialized
    initialized = True
    standin_record.record('mayapy', 'initialize', name=name)


def uninitialize():
    global initialized
    initialized = False
    standin_record.record('mayapy', 'uninitialize')
