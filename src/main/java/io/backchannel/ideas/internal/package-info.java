@NullMarked
package io.backchannel.ideas.internal;

import org.jspecify.annotations.NullMarked;
