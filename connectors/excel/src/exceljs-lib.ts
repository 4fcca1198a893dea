// The connector's own exceljs, for tools outside the workspace packages (the import bench
// compares against a raw exceljs pass and must use the very same copy).
import ExcelJS from 'exceljs';

export { ExcelJS };
export type { Row as ExcelRow } from 'exceljs';
