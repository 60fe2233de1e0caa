/**
 * Listening: the social inbox. Threads the posts the channels module hears into conversations with a customer, routes
 * them to a team by ordered rules and assigns them within it, and lets staff answer (the reply goes out through
 * {@link io.backchannel.channels.ReplyRequested}), note, resolve and review them. Watches each topic for spikes and
 * lets staff answer a topic in crisis mode in bulk. Tells {@link io.backchannel.listening.ConversationRouted} and
 * {@link io.backchannel.listening.SpikeDetected}.
 */
@NullMarked
package io.backchannel.listening;

import org.jspecify.annotations.NullMarked;
