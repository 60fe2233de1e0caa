package io.backchannel.channels.internal.imports;

import io.backchannel.archive.Capture;

/** Where a reader puts what it found; the import runner archives, counts and reports. */
interface ImportSink {

    /** An item as the platform gave it: {@code content} the record's original bytes, {@code text} what people read. */
    void capture(Capture capture);

    /**
     * A record that could not be read, and why: {@code where} names it (file and line or index), {@code reasonKey} is a
     * message key shown in the import report, filled with {@code arguments}.
     */
    void reject(String where, String reasonKey, Object... arguments);
}
