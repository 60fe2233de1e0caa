@NullMarked
package io.backchannel.ideas.web;

import org.jspecify.annotations.NullMarked;
