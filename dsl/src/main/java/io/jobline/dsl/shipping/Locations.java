package io.jobline.dsl.shipping;

import java.io.IOException;
import java.io.InputStream;

import org.codehaus.groovy.runtime.ComposedClosure;
import org.codehaus.groovy.runtime.CurriedClosure;
import org.codehaus.groovy.runtime.MethodClosure;

import groovy.lang.Closure;
import groovyjarjarasm.asm.ClassReader;
import groovyjarjarasm.asm.ClassVisitor;
import groovyjarjarasm.asm.Label;
import groovyjarjarasm.asm.MethodVisitor;
import groovyjarjarasm.asm.Opcodes;
import io.jobline.shipping.CodeUnit;

/**
 * Where a closure or method pointer was written, as {@code job.groovy:12}: the source file of its class and the
 * first line of its body ({@code doCall} of a closure, the method of a pointer), read from the class's bytecode: the
 * recorded bytecode for classes compiled at run time, the class file otherwise.
 */
final class Locations {

    private Locations() {
    }

    /** @return the location, or {@code null} if {@code function} is not Groovy's or its class has no line numbers */
    static String of(Object function) {
        if (function instanceof CurriedClosure) {
            return of(((CurriedClosure<?>) function).getOwner());
        }
        if (function instanceof ComposedClosure) {
            return of(Captures.of(function).values().iterator().next());
        }
        if (function instanceof MethodClosure) {
            MethodClosure pointer = (MethodClosure) function;
            Object owner = pointer.getOwner();
            for (Class<?> type = owner instanceof Class ? (Class<?>) owner : owner.getClass(); type != null;
                    type = type.getSuperclass()) {
                String location = find(type, pointer.getMethod());
                if (location != null) {
                    return location;
                }
            }
            return null;
        }
        if (function instanceof Closure) {
            return find(function.getClass(), "doCall");
        }
        return null;
    }

    /** @return "file:line" of the lowest line of the methods called {@code method} in {@code type}, or null */
    private static String find(Class<?> type, String method) {
        byte[] bytecode = bytecode(type);
        if (bytecode == null) {
            return null;
        }
        LineFinder finder = new LineFinder(method);
        new ClassReader(bytecode).accept(finder, ClassReader.SKIP_FRAMES);
        return finder.source == null || finder.line == Integer.MAX_VALUE ? null : finder.source + ":" + finder.line;
    }

    private static byte[] bytecode(Class<?> type) {
        CodeUnit unit = CodeUnits.unitOf(type);
        if (unit != null && unit.bytecode(type.getName()) != null) {
            return unit.bytecode(type.getName());
        }
        ClassLoader loader = type.getClassLoader();
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static final class LineFinder extends ClassVisitor {
        private final String method;
        private String source;
        private int line = Integer.MAX_VALUE;

        LineFinder(String method) {
            super(Opcodes.ASM9);
            this.method = method;
        }

        @Override
        public void visitSource(String file, String debug) {
            source = file;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if (!name.equals(method)) {
                return null;
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitLineNumber(int number, Label start) {
                    line = Math.min(line, number);
                }
            };
        }
    }
}
