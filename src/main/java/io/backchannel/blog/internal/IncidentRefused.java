package io.backchannel.blog.internal;

import java.util.Map;

/** A draft the desk will not take, with a message key for each field in error (field name → key). */
public class IncidentRefused extends RuntimeException {

    private final Map<String, String> errors;

    IncidentRefused(Map<String, String> errors) {
        super("Incident refused: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
