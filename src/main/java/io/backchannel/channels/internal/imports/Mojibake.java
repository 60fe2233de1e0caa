package io.backchannel.channels.internal.imports;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes the mojibake of Facebook's data download, which writes every byte of a UTF-8 text as a JSON character escape
 * of its own (U+0000 to U+00FF), so that "ü" (bytes C3 BC) arrives as the two characters "Ã¼".
 */
final class Mojibake {

    private Mojibake() {}

    /**
     * The text read back as UTF-8 when each of its characters is a byte (≤ U+00FF) and those bytes are valid UTF-8;
     * otherwise the text unchanged, so that a correctly written "Ã la carte" or "ü" is left alone.
     */
    static String repair(String text) {
        boolean high = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return text;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return text;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return text;
        }
    }
}
