package io.metallb.api.v1beta1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;


/** Named BGP community values that advertisements can refer to. */
@Group(MetalLb.GROUP)
@Version(MetalLb.V1BETA1)
@Kind("Community")
@Plural("communities")
@Singular("community")

public class Community extends CustomResource<CommunitySpec, EmptyStatus> implements Namespaced {}
