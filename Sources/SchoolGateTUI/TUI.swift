import SchoolGate
import SchoolGateStore
import CNcursesw
