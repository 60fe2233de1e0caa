/** The Bluesky connector: posts from a Jetstream WebSocket, resumed from the last event's time after a restart. */
@NullMarked
package io.backchannel.channels.internal.bluesky;

import org.jspecify.annotations.NullMarked;
