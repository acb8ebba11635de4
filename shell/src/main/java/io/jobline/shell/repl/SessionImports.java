package io.jobline.shell.repl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * The imports a session has accumulated: every input gets those of the inputs before it that compiled. An input's
 * own imports are noted while it compiles ({@link #pending}) and kept by {@link #commit()} once it has compiled.
 * Used by the evaluating thread only.
 */
final class SessionImports extends CompilationCustomizer {

    private static final String SEEN = SessionImports.class.getName();

    /** By its import statement ({@code import static a.B.c}), the import itself. */
    private final Map<String, Import> kept = new LinkedHashMap<>();
    private final Map<String, Import> pending = new LinkedHashMap<>();

    SessionImports() {
        super(CompilePhase.CONVERSION);
    }

    /** @return the kept import statements, in the order they were first given */
    List<String> statements() {
        return new ArrayList<>(kept.keySet());
    }

    /** Keeps the imports of the input that just compiled. */
    void commit() {
        kept.putAll(pending);
        pending.clear();
    }

    /** Forgets the imports of an input that did not compile. */
    void discard() {
        pending.clear();
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (module.getNodeMetaData(SEEN) != null) {
            return; // once per input, not once per class it declares
        }
        module.putNodeMetaData(SEEN, Boolean.TRUE);
        pending.clear();
        List<Import> own = new ArrayList<>();
        module.getImports().forEach(node -> own.add(Import.single(node)));
        module.getStarImports().forEach(node -> own.add(Import.star(node)));
        module.getStaticImports().values().forEach(node -> own.add(Import.staticMember(node)));
        module.getStaticStarImports().values().forEach(node -> own.add(Import.staticStar(node)));
        for (Import anImport : own) {
            pending.put(anImport.statement, anImport);
        }
        for (Import anImport : kept.values()) {
            if (!pending.containsKey(anImport.statement)) {
                anImport.addTo(module);
            }
        }
    }

    /** One import, by class and member names, so each input resolves it afresh. */
    private static final class Import {
        final String statement;
        final String type;
        final String member;
        final String alias;
        final boolean star;
        final boolean isStatic;

        private Import(String statement, String type, String member, String alias, boolean star, boolean isStatic) {
            this.statement = statement;
            this.type = type;
            this.member = member;
            this.alias = alias;
            this.star = star;
            this.isStatic = isStatic;
        }

        static Import single(ImportNode node) {
            String type = node.getType().getName();
            String alias = node.getAlias();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            String statement = "import " + type + (alias.equals(simple) ? "" : " as " + alias);
            return new Import(statement, type, null, alias, false, false);
        }

        static Import star(ImportNode node) {
            String pkg = node.getPackageName();
            return new Import("import " + pkg + "*", pkg, null, null, true, false);
        }

        static Import staticMember(ImportNode node) {
            String type = node.getType().getName();
            String alias = node.getAlias();
            String statement = "import static " + type + "." + node.getFieldName()
                    + (alias.equals(node.getFieldName()) ? "" : " as " + alias);
            return new Import(statement, type, node.getFieldName(), alias, false, true);
        }

        static Import staticStar(ImportNode node) {
            String type = node.getType().getName();
            return new Import("import static " + type + ".*", type, null, null, true, true);
        }

        void addTo(ModuleNode module) {
            if (isStatic && star) {
                module.addStaticStarImport(type, ClassHelper.make(type));
            } else if (isStatic) {
                module.addStaticImport(ClassHelper.make(type), member, alias);
            } else if (star) {
                module.addStarImport(type);
            } else {
                module.addImport(alias, ClassHelper.make(type));
            }
        }
    }
}
