package io.backchannel.archive.internal;

import java.util.List;

/**
 * What an evidence report says, already in the reader's language, so that its HTML and PDF forms say the same.
 *
 * @param headers the label of each field, in the order of every row's cells
 */
record EvidenceReport(String title, String introduction, List<String> headers, List<List<String>> rows) {}
