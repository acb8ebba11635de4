package io.jobline.backend.process;

import io.jobline.shipping.CodeUnit;

/** In a test, the caller's side of classes "compiled at run time": defined from the bytecode a {@link CodeUnit} recorded. */
public final class UnitLoader extends ClassLoader {

    private final CodeUnit unit;

    public UnitLoader(CodeUnit unit) {
        super(UnitLoader.class.getClassLoader());
        this.unit = unit;
        unit.bind(this);
        UnitHook.register(this);
    }

    public CodeUnit unit() {
        return unit;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] code = unit.bytecode(name);
        if (code == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, code, 0, code.length);
    }
}
