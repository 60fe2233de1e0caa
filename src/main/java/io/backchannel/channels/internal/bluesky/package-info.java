/**
 * The Bluesky connectors: posts from a Jetstream WebSocket, resumed from the last event's time after a restart, and
 * posts found by the signed-in post search, answered in their thread.
 */
@NullMarked
package io.backchannel.channels.internal.bluesky;

import org.jspecify.annotations.NullMarked;
