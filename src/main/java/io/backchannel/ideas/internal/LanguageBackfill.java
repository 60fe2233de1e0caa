package io.backchannel.ideas.internal;

import io.backchannel.text.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Detects the language of ideas that have none: those from before languages were detected (the migration cannot call
 * the detector). Runs once after startup, in the background and in batches, so a large portal starts as fast as ever;
 * until it is done, such ideas show no language.
 */
@Component
public class LanguageBackfill {

    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(LanguageBackfill.class);

    private final Labels labels;

    LanguageBackfill(Labels labels) {
        this.labels = labels;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread.ofVirtual().name("ideas-language-backfill").start(() -> {
            try {
                int detected = detectMissing();
                if (detected > 0) {
                    log.info("Detected the language of {} ideas", detected);
                }
            } catch (RuntimeException e) {
                log.warn("Language detection of older ideas stopped; it resumes at the next start", e);
            }
        });
    }

    /** Detects and stores every missing language, a batch at a time; returns how many ideas it did. */
    public int detectMissing() {
        int done = 0;
        for (var batch = labels.undetected(BATCH); !batch.isEmpty(); batch = labels.undetected(BATCH)) {
            for (var idea : batch) {
                labels.setLanguage(idea.id(), Languages.detect(idea.title() + "\n" + idea.bodyMarkdown()));
            }
            done += batch.size();
        }
        return done;
    }
}
