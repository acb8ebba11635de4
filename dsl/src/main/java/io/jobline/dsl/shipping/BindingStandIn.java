package io.jobline.dsl.shipping;

import java.io.Serializable;
import java.util.Map;

import groovy.lang.Binding;

/** What is written for a {@link Binding} on its own: its variables, placeholders for those that cannot be sent. */
final class BindingStandIn implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Object> variables;

    @SuppressWarnings("unchecked")
    BindingStandIn(Binding binding) {
        this.variables = Sendable.orPlaceholders("variable", binding.getVariables());
    }

    Binding binding() {
        return new ShippedBinding(variables);
    }
}
