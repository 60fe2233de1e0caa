/**
 * Channels: the connectors that hear posts on every platform (feeds, Mastodon, Bluesky, webhooks, manual entry, the
 * big networks' APIs) and send replies back the way the customer came, and the importers that read the platforms'
 * own data downloads into the archive. Tells {@link io.backchannel.channels.PostsCaptured} and the outcome of each
 * {@link io.backchannel.channels.ReplyRequested}.
 */
@NullMarked
package io.backchannel.channels;

import org.jspecify.annotations.NullMarked;
