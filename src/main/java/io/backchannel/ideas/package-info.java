/** The ideas portal: customers post ideas, vote, comment, and follow them from "new" to "implemented". */
@NullMarked
package io.backchannel.ideas;

import org.jspecify.annotations.NullMarked;
