package io.backchannel.blog;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.blog.internal.LineDiff;
import io.backchannel.blog.internal.LineDiff.Change;
import io.backchannel.blog.internal.LineDiff.Line;
import org.junit.jupiter.api.Test;

class LineDiffTests {

    @Test
    void keepsCommonLinesAndMarksTheRest() {
        assertThat(LineDiff.between("a\nb\nc\nd", "a\nc\nx\nd\ne"))
                .containsExactly(
                        new Line(Change.SAME, "a"),
                        new Line(Change.REMOVED, "b"),
                        new Line(Change.SAME, "c"),
                        new Line(Change.ADDED, "x"),
                        new Line(Change.SAME, "d"),
                        new Line(Change.ADDED, "e"));
    }

    @Test
    void handlesEmptyTextsAndWindowsLineEnds() {
        assertThat(LineDiff.between("", "")).isEmpty();
        assertThat(LineDiff.between("", "new")).containsExactly(new Line(Change.ADDED, "new"));
        assertThat(LineDiff.between("old\r\nsame", "same"))
                .containsExactly(new Line(Change.REMOVED, "old"), new Line(Change.SAME, "same"));
    }

    @Test
    void comparesHugeTextsAsBlocksInsteadOfRunningOutOfMemory() {
        String before = "line\n".repeat(3000);
        String after = "other\n".repeat(3000);
        var diff = LineDiff.between(before, after);
        assertThat(diff).hasSize(6002);
        assertThat(diff.getFirst().change()).isEqualTo(Change.REMOVED);
        assertThat(diff.getLast().change()).isEqualTo(Change.ADDED);
    }
}
