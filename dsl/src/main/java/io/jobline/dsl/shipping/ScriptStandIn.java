package io.jobline.dsl.shipping;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Map;

import groovy.lang.Script;

/**
 * What is written for a {@link Script}: its class, its id, and its state (binding variables and fields, with
 * placeholders for those that cannot be sent). Read, it stands for the original script in the JVM that ran it, and
 * for the one copy of it in a worker, which takes the state sent.
 *
 * <p>The copy is found before the state is read, because the state usually refers back to the script (a closure in
 * a variable has the script as owner): such a reference reads as this stand-in, and the hook swaps it for
 * {@link #script()} once the object holding it is read.
 */
final class ScriptStandIn implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Class<?> type;
    private final String id;
    /** null in a bare stand-in: made while this script's own state was being checked */
    private transient Map<String, Object> variables;
    private transient Map<String, Object> fields;
    private transient Script script;

    private ScriptStandIn(Class<?> type, String id, Map<String, Object> variables, Map<String, Object> fields) {
        this.type = type;
        this.id = id;
        this.variables = variables;
        this.fields = fields;
    }

    static ScriptStandIn of(Script script) {
        String id = ScriptInstances.idOf(script);
        if (!Sendable.start(script)) {
            return new ScriptStandIn(script.getClass(), id, null, null);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = Sendable.orPlaceholders("variable", script.getBinding().getVariables());
            Map<String, Object> fields = Sendable.orPlaceholders("field", ScriptInstances.fieldValues(script));
            return new ScriptStandIn(script.getClass(), id, variables, fields);
        } finally {
            Sendable.done(script);
        }
    }

    /** @return the script this stands for; set as soon as this stand-in's id is read */
    Script script() {
        return script;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(variables);
        out.writeObject(fields);
    }

    @SuppressWarnings("unchecked")
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Script original = ScriptInstances.original(id);
        script = original != null ? original : ScriptInstances.copy(type, id);
        variables = (Map<String, Object>) in.readObject();
        fields = (Map<String, Object>) in.readObject();
        if (original == null && variables != null) {
            ScriptInstances.update(id, variables, fields);
        }
    }
}
