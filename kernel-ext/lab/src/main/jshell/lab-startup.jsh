// The lab toolkit's imports, run by the kernel at start-up when it is installed with the toolkit
// (./lab start does that). The same lines work in plain JShell: jshell --class-path ... lab-startup.jsh
import org.workdistlab.lab.*;
import org.workdistlab.lab.harness.*;
import org.workdistlab.lab.workloads.*;
import org.workdistlab.lab.models.*;
import org.workdistlab.lab.simulations.*;
import org.workdistlab.lab.charts.*;
import org.workdistlab.lab.machine.*;
