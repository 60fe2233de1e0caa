/**
 * What the connectors of the platforms' own APIs (X, Facebook, LinkedIn) share: bounded HTTP exchanges read as strict
 * UTF-8 JSON, failures as message keys with the platform's wait, newest-first paging cursors, and the polling loop
 * that stores each page together with the cursor that covers it.
 */
@NullMarked
package io.backchannel.channels.internal.platforms;

import org.jspecify.annotations.NullMarked;
