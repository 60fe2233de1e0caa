package io.backchannel.text;

import java.text.Normalizer;

/**
 * Brings styled text back to plain letters: NFKC (which already maps the mathematical alphanumerics of U+1D400–U+1D7FF,
 * fullwidth, circled and squared letters), plus the styles NFKC leaves alone (small capitals, negative circled and
 * squared letters); invisible format characters (zero-width and bidi controls, soft hyphens) are dropped and other
 * control characters become spaces.
 */
final class Normalisation {

    private Normalisation() {}

    static String normalise(String text) {
        if (plainAscii(text)) {
            return text;
        }
        String composed = Normalizer.isNormalized(text, Normalizer.Form.NFKC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFKC);
        var out = new StringBuilder(composed.length());
        for (int i = 0; i < composed.length(); ) {
            int cp = composed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT) {
                continue;
            }
            if (Character.isISOControl(cp) && cp != '\n' && cp != '\t') {
                out.append(' ');
                continue;
            }
            out.appendCodePoint(plain(cp));
        }
        return out.toString();
    }

    /** Printable ASCII with line breaks and tabs is already plain: the common case costs one scan. */
    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > '~' || (c < ' ' && c != '\n' && c != '\t')) {
                return false;
            }
        }
        return true;
    }

    /** The plain letter of a styled letter NFKC keeps, or the code point itself. */
    static int plain(int cp) {
        if (cp >= 0x1F150 && cp <= 0x1F169) { // negative circled capitals
            return 'A' + cp - 0x1F150;
        }
        if (cp >= 0x1F170 && cp <= 0x1F189) { // negative squared capitals
            return 'A' + cp - 0x1F170;
        }
        return switch (cp) {
            case 0x1D00 -> 'a';
            case 0x0299 -> 'b';
            case 0x1D04 -> 'c';
            case 0x1D05 -> 'd';
            case 0x1D07 -> 'e';
            case 0xA730 -> 'f';
            case 0x0262 -> 'g';
            case 0x029C -> 'h';
            case 0x026A -> 'i';
            case 0x1D0A -> 'j';
            case 0x1D0B -> 'k';
            case 0x029F -> 'l';
            case 0x1D0D -> 'm';
            case 0x0274 -> 'n';
            case 0x1D0F -> 'o';
            case 0x1D18 -> 'p';
            case 0x0280 -> 'r';
            case 0xA731 -> 's';
            case 0x1D1B -> 't';
            case 0x1D1C -> 'u';
            case 0x1D20 -> 'v';
            case 0x1D21 -> 'w';
            case 0x028F -> 'y';
            case 0x1D22 -> 'z';
            case 0x2019, 0x2018, 0x02BC -> '\''; // typographic apostrophes, so "don’t" is "don't"
            default -> cp;
        };
    }
}
