/**
 * A LinkedIn organisation through the versioned REST API: comments on the organisation's recent posts, and replies
 * posted as comments with the organisation as actor.
 */
@NullMarked
package io.backchannel.channels.internal.linkedin;

import org.jspecify.annotations.NullMarked;
