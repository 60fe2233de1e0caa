package io.backchannel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListPageTests {

    @Test
    void countsPagesAndNeighbours() {
        var middle = new ListPage<>(List.of("x"), 2, 25, 51);
        assertThat(middle.totalPages()).isEqualTo(3);
        assertThat(middle.hasPrevious()).isTrue();
        assertThat(middle.hasNext()).isTrue();
        var empty = new ListPage<>(List.of(), 1, 25, 0);
        assertThat(empty.totalPages()).isOne();
        assertThat(empty.hasNext()).isFalse();
    }

    @Test
    void treatsPagesBelowOneAsTheFirst() {
        assertThat(ListPage.offset(0, 25)).isZero();
        assertThat(ListPage.offset(-3, 25)).isZero();
        assertThat(ListPage.offset(3, 25)).isEqualTo(50);
    }
}
