package io.jobline.dsl

/** Base class of job scripts: every DSL name is a method or property of this class. */
abstract class JoblineScript extends Script {
}
