/**
 * X through its API v2: mentions of the company's account and a recent search, read newest-first from the last
 * stored id on, and replies posted as tweets in reply.
 */
@NullMarked
package io.backchannel.channels.internal.x;

import org.jspecify.annotations.NullMarked;
