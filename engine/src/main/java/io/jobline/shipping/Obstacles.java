package io.jobline.shipping;

import java.io.IOException;
import java.io.NotSerializableException;
import java.util.List;
import java.util.Map;

/**
 * Words for what stops a value from crossing to another process: which captured variable or argument, of which
 * type, and what inside it is not serializable.
 */
final class Obstacles {

    private static final String TO_WORKER = "which cannot be sent to a worker process";

    private Obstacles() {
    }

    static String ofFunction(Object function, String what, IOException error, List<ShippingHook> hooks) {
        String location = Shipping.location(function);
        String subject = what + (location != null ? " (" + location + ")" : "");
        String capture = culpritCapture(function, hooks);
        if (capture != null) {
            return subject + " " + capture;
        }
        return subject + " cannot be sent to a worker process: " + reason(error);
    }

    static String ofArguments(Object[] args, String what, IOException error) {
        for (int i = 0; i < args.length; i++) {
            IOException failure = failureOf(args[i]);
            if (failure != null) {
                return "argument " + (i + 1) + " of " + what + " is of type " + typeOf(args[i]) + holding(args[i], failure)
                        + ", " + TO_WORKER + ": " + reason(failure);
            }
        }
        return "the arguments of " + what + " cannot be sent to a worker process: " + reason(error);
    }

    static String ofResult(Object result, String what, IOException error) {
        return "the result of " + what + " is of type " + typeOf(result) + holding(result, error)
                + ", which cannot be sent back from the worker process: " + reason(error);
    }

    /** @return "captures variable 'x' of type T, which …" for the first capture that cannot be sent, or null */
    private static String culpritCapture(Object function, List<ShippingHook> hooks) {
        for (ShippingHook hook : hooks) {
            for (Map.Entry<String, Object> capture : hook.captures(Shipping.unwrap(function)).entrySet()) {
                Object value = capture.getValue();
                IOException failure = failureOf(value);
                if (failure == null) {
                    continue;
                }
                String inner = culpritCapture(value, hooks);
                if (inner != null) {
                    return "captures variable '" + capture.getKey() + "', a function that " + inner;
                }
                return "captures variable '" + capture.getKey() + "' of type " + typeOf(value) + holding(value, failure)
                        + ", " + TO_WORKER;
            }
        }
        return null;
    }

    private static IOException failureOf(Object value) {
        try {
            Shipping.pack(value);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** ", holding a T" when the object that failed is not the value itself but something inside it */
    private static String holding(Object value, IOException failure) {
        if (failure instanceof NotSerializableException && value != null
                && !value.getClass().getName().equals(failure.getMessage())) {
            return " (it holds a " + failure.getMessage() + ")";
        }
        return "";
    }

    private static String reason(IOException error) {
        if (error instanceof NotSerializableException) {
            return error.getMessage() + " is not serializable";
        }
        return error.toString();
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
