/**
 * The evidence archive: everything the company said or was told, on every platform, kept as it was in append-only WARC
 * files, linked by a signed hash chain, searchable by archivists and verifiable without the application.
 */
@NullMarked
package io.backchannel.archive;

import org.jspecify.annotations.NullMarked;
