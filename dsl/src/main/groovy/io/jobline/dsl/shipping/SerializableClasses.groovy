package io.jobline.dsl.shipping

import groovy.transform.CompileStatic
import org.codehaus.groovy.ast.ClassHelper
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.classgen.GeneratorContext
import org.codehaus.groovy.control.CompilePhase
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.CompilationCustomizer

/**
 * Makes every class a script declares {@link Serializable}, so that its instances can be arguments and results of
 * work in worker processes. Interfaces, traits and annotations are left alone (they have no instances), and so is the
 * script class itself (scripts are shipped by {@link GroovyShippingHook}). A class whose superclass cannot be
 * serialized and has no no-argument constructor still cannot cross: Java serialization needs one.
 */
@CompileStatic
class SerializableClasses extends CompilationCustomizer {

    private static final ClassNode SERIALIZABLE = ClassHelper.make(Serializable)

    SerializableClasses() {
        super(CompilePhase.CANONICALIZATION)
    }

    @Override
    void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.interface && !classNode.script && !classNode.implementsInterface(SERIALIZABLE)) {
            classNode.addInterface(SERIALIZABLE)
        }
    }
}
