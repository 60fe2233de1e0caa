/**
 * What the connectors of the platforms' own APIs (Mastodon, Bluesky search, X, Facebook, LinkedIn) share: bounded
 * HTTP exchanges read as strict UTF-8 JSON ({@code PlatformHttp}, with {@code JsonApi}'s generic status reading on
 * top), failures as message keys with the platform's wait, newest-first paging cursors, the polling loop that stores
 * each page together with the cursor that covers it, and replies sent with the connector's token.
 */
@NullMarked
package io.backchannel.channels.internal.platforms;

import org.jspecify.annotations.NullMarked;
