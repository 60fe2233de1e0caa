package io.backchannel.archive.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Results of a pure function of strings that repeat from capture to capture (content types), worked out once each.
 * Bounded, so that input from outside cannot grow it without end: past the bound a result is worked out every time.
 */
final class Memo {

    private static final int MAX = 256;

    private final UnaryOperator<String> work;
    private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>();

    Memo(UnaryOperator<String> work) {
        this.work = work;
    }

    String get(String input) {
        String result = known.get(input);
        if (result == null) {
            result = work.apply(input);
            if (known.size() < MAX) {
                known.put(input, result);
            }
        }
        return result;
    }
}
