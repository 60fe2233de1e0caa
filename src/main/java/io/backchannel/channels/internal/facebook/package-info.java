/**
 * A Facebook page through the Graph API: the page's feed with the comments under each post, read newest-first from
 * the last stored post's time on, and replies posted as comments.
 */
@NullMarked
package io.backchannel.channels.internal.facebook;

import org.jspecify.annotations.NullMarked;
