package io.backchannel.blog.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based diff from the longest common subsequence of two texts' lines. Posts are at most a few thousand lines;
 * longer inputs are compared as one removed and one added block, so that the table never grows beyond
 * {@link #MAX_CELLS}.
 */
public final class LineDiff {

    static final long MAX_CELLS = 4_000_000L;

    private LineDiff() {}

    public static List<Line> between(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        var result = new ArrayList<Line>();
        if ((long) a.length * b.length > MAX_CELLS) {
            for (String line : a) {
                result.add(new Line(Change.REMOVED, line));
            }
            for (String line : b) {
                result.add(new Line(Change.ADDED, line));
            }
            return result;
        }
        // common[i][j]: length of the longest common subsequence of a[i..] and b[j..]
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                result.add(new Line(Change.SAME, a[i]));
                i++;
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                result.add(new Line(Change.REMOVED, a[i++]));
            } else {
                result.add(new Line(Change.ADDED, b[j++]));
            }
        }
        while (i < a.length) {
            result.add(new Line(Change.REMOVED, a[i++]));
        }
        while (j < b.length) {
            result.add(new Line(Change.ADDED, b[j++]));
        }
        return result;
    }

    private static String[] lines(String text) {
        return text.isEmpty() ? new String[0] : text.split("\r?\n", -1);
    }

    public enum Change {
        SAME,
        ADDED,
        REMOVED
    }

    /** One line of the diff; pages mark added and removed lines with a sign, not with colour alone. */
    public record Line(Change change, String text) {

        public String marker() {
            return switch (change) {
                case SAME -> " ";
                case ADDED -> "+";
                case REMOVED -> "−";
            };
        }
    }
}
