/**
 * Listening: the social inbox. Threads the posts the channels module hears into conversations with a customer, routes
 * them to a team by ordered rules and assigns them within it, and lets staff answer (the reply goes out through
 * {@link io.backchannel.channels.ReplyRequested}), note, resolve and review them. Tells
 * {@link io.backchannel.listening.ConversationRouted}.
 */
@NullMarked
package io.backchannel.listening;

import org.jspecify.annotations.NullMarked;
