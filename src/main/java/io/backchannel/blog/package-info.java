/**
 * The company blog: posts in the customers' languages with their translations, comments, feeds, and incident pages
 * that are the central point of clarity while something is wrong.
 */
@NullMarked
package io.backchannel.blog;

import org.jspecify.annotations.NullMarked;
