# A Terraform templatefile(): ${...} interpolations and %{ } directives.
machine:
  certSANs:
%{ for ip in control_plane_ips ~}
    - ${ip}
%{ endfor ~}
  install:
    image: ghcr.io/siderolabs/installer:${talos_version}
cluster:
  clusterName: ${cluster_name}
  apiServer:
    extraArgs:
      token-auth-file: /var/lib/tokens.csv # expect: TAL302
