/// The titles of the benchmark's sections, as kube-bench's `cis-1.10` groups name them.
public enum CISSections {
  public static func title(_ section: String) -> String {
    switch section {
    case "1.1": "Control Plane Node Configuration Files"
    case "1.2": "API Server"
    case "1.3": "Controller Manager"
    case "1.4": "Scheduler"
    case "2": "Etcd Node Configuration"
    case "3.1": "Authentication and Authorization"
    case "3.2": "Logging"
    case "4.1": "Worker Node Configuration Files"
    case "4.2": "Kubelet"
    case "4.3": "kube-proxy"
    case "5.1": "RBAC and Service Accounts"
    case "5.2": "Pod Security Standards"
    case "5.3": "Network Policies and CNI"
    case "5.4": "Secrets Management"
    case "5.5": "Extensible Admission Control"
    case "5.7": "General Policies"
    default: section
    }
  }
}
