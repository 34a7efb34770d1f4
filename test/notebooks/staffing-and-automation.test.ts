/** notebooks/staffing-and-automation.ipynb: see notebook-suite.ts. */
import { describeNotebook } from "./notebook-suite.js";

describeNotebook("staffing-and-automation.ipynb");
