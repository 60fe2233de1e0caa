package io.backchannel.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.system.internal.MailOutboxView.Segment;
import org.junit.jupiter.api.Test;

class MailOutboxViewTests {

    @Test
    void marksOnlyHttpLinksAsLinks() {
        assertThat(MailOutboxView.segments("Open https://example.org/x?token=a_b-c\nor javascript:alert(1) <b>"))
                .containsExactly(
                        new Segment("Open ", false),
                        new Segment("https://example.org/x?token=a_b-c", true),
                        new Segment("\nor javascript:alert(1) <b>", false));
    }
}
