/** The channels module's pages: imports of the platforms' data downloads. */
@NullMarked
package io.backchannel.channels.web;

import org.jspecify.annotations.NullMarked;
