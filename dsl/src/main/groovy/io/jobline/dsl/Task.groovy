package io.jobline.dsl

import org.codehaus.groovy.transform.GroovyASTTransformationClass

import java.lang.annotation.Documented
import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * Makes a method asynchronous (inparallel's {@code @task}): a call returns a {@link io.jobline.future.JobFuture} at
 * once and the method's body runs on the named backend.
 *
 * <pre>
 * &#64;Task def render(frame) { ... }                 // thread backend
 * &#64;Task(backend = 'process') def crunch(x) { ... }
 * def futures = (1..10).collect { render(it) }       // returns at once
 * waitAll(futures)
 * </pre>
 *
 * <p>The method's declared return type becomes {@code JobFuture}; the future completes with what the body returns,
 * or fails with the exception the body throws (the original exception, stack trace kept). Calls run on one shared
 * executor per backend name, created on first use and closed at JVM exit or by {@link Jobline#shutdown()}. Works on
 * script methods and class methods, static or not, with any parameters (defaults and varargs included).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
@GroovyASTTransformationClass('io.jobline.dsl.TaskTransformation')
@interface Task {
    /** The backend the body runs on: {@code thread} (default), {@code process}, {@code slurm}, {@code qube} … */
    String backend() default 'thread'
}
