package io.jobline.dsl.shipping

import io.jobline.shipping.CodeUnit
import io.jobline.shipping.Packet
import io.jobline.shipping.Shipping

/**
 * A worker process without the process: a second copy of the engine, the DSL and Groovy in a class loader that
 * shares nothing with this one but the JDK, so a function sent to it can only run if the classes it needs are
 * defined there from the bytecode that was shipped. Calls go as a process backend sends them: the units' classes
 * first, then the function and the arguments; the result comes back packed.
 */
class IsolatedWorker implements Closeable {

    private final URLClassLoader world
    private final Class<?> shipping
    private final Map<Integer, Integer> sent = [:]

    IsolatedWorker() {
        // What a worker's class path has: the caller's (the specs and Spock included), none of the script's classes.
        URL[] jars = [Shipping, GroovyShippingHook, Closure, IsolatedWorker, spock.lang.Specification]
                .collect { it.protectionDomain.codeSource.location }
        world = new URLClassLoader('isolated-worker', jars, ClassLoader.platformClassLoader)
        shipping = world.loadClass(Shipping.name)
    }

    /** @return what {@code function(args)} returns in the worker, unpacked here */
    Object call(Object function, Object... args) {
        callIn(function, args).result
    }

    /**
     * @return [result: the result unpacked here, loader: the name of the class loader that defined the function's
     *         class in the worker]
     */
    Map callIn(Object function, Object... args) {
        Packet fn = Shipping.packFunction(function, 'the function')
        Packet arguments = Shipping.packArguments(args, 'the call')
        send(fn.units() + arguments.units())
        Object shippedFn = shipping.unpack(fn.bytes())
        Object shippedArgs = shipping.unpack(arguments.bytes())
        Object callable = world.loadClass('io.jobline.function.Functions').of(shippedFn)
        Object result
        try {
            result = callable.call(shippedArgs as Object[])
        } catch (Throwable failure) {
            throw (Throwable) Shipping.unpack(shipping.pack(failure).bytes())
        }
        Object back = shipping.packResult(result, 'the call')
        [result: Shipping.unpack(back.bytes()), loader: shippedFn.getClass().classLoader.name]
    }

    /** Sends each unit's classes the worker does not have yet. */
    private synchronized void send(Collection<CodeUnit> units) {
        Class<?> classFile = world.loadClass(CodeUnit.ClassFile.name)
        for (CodeUnit unit : units) {
            int from = sent.getOrDefault(unit.id(), 0)
            def files = unit.classesFrom(from).collect { classFile.newInstance(it.name(), it.bytecode()) }
            shipping.defineClasses(unit.id(), files, unit.jars())
            sent[unit.id()] = from + files.size()
        }
    }

    @Override
    void close() {
        world.close()
    }
}
