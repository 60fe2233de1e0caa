/**
 * The Mastodon connector: mentions, hashtags and search polled over the REST API from a persisted cursor per source,
 * optionally the streaming API for quicker arrival (caught up by REST after every reconnect), and replies posted as
 * statuses in the customer's thread.
 */
@NullMarked
package io.backchannel.channels.internal.mastodon;

import org.jspecify.annotations.NullMarked;
