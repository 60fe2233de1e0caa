package io.backchannel;

import java.util.UUID;

/** Made-up words for tests that search text. */
public final class TestWords {

    private TestWords() {}

    /**
     * A word no text and no other call holds: "zq" and ten letters, which analysers keep as one token. Each hex digit of
     * a random UUID becomes its own letter (digits map to g–p), so the word keeps the UUID's randomness; replacing all
     * digits with one letter made two tests of a run pick the same word about once in a hundred runs.
     */
    public static String unique() {
        StringBuilder word = new StringBuilder("zq");
        for (char c :
                UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            word.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
        }
        return word.toString();
    }
}
