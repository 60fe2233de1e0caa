@NullMarked
package io.backchannel.identity.web;

import org.jspecify.annotations.NullMarked;
