// The fake SpreadsheetApp global: the active spreadsheet of the execution, its Ui, rule builders and enums.
import { FakeConditionalFormatRuleBuilder, FakeDataValidationBuilder } from './builders';
import {
  BooleanCriteria,
  BorderStyle,
  DataValidationCriteria,
  Dimension,
  ProtectionType,
  WrapStrategy,
} from './enums';
import { instrument, Service } from './runtime';
import { activeCell, activeRange, FakeRange, FakeSheet, FakeSpreadsheet } from './sheets';
import { FakeUi } from './ui';

export class FakeSpreadsheetApp extends Service {
  readonly BooleanCriteria = BooleanCriteria;
  readonly BorderStyle = BorderStyle;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly Dimension = Dimension;
  readonly ProtectionType = ProtectionType;
  readonly WrapStrategy = WrapStrategy;

  /** null when the script is not bound to a spreadsheet. */
  getActiveSpreadsheet(): FakeSpreadsheet | null {
    return this.rt.model ? new FakeSpreadsheet(this.rt, this.rt.model) : null;
  }

  getActive(): FakeSpreadsheet | null {
    return this.rt.model ? new FakeSpreadsheet(this.rt, this.rt.model) : null;
  }

  getActiveSheet(): FakeSheet | null {
    return this.rt.model ? new FakeSheet(this.rt, this.rt.model.active) : null;
  }

  getActiveRange(): FakeRange | null {
    return this.rt.model ? activeRange(this.rt, this.rt.model) : null;
  }

  getCurrentCell(): FakeRange | null {
    return this.rt.model ? activeCell(this.rt, this.rt.model) : null;
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    const spreadsheet = sheet.model.spreadsheet;
    spreadsheet.activeSheet = sheet.model;
    spreadsheet.activeRange = null;
    return new FakeSheet(this.rt, sheet.model);
  }

  setActiveRange(range: FakeRange): FakeRange {
    const spreadsheet = range.ref.sheet.spreadsheet;
    spreadsheet.activeSheet = range.ref.sheet;
    spreadsheet.activeRange = range.ref;
    return new FakeRange(this.rt, range.ref);
  }

  getUi(): FakeUi {
    return new FakeUi(this.rt);
  }

  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.rt);
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.rt);
  }

  /** Writes are applied at once, so there is nothing to flush. */
  flush(): void {}
}

instrument(FakeSpreadsheetApp, 'SpreadsheetApp');
