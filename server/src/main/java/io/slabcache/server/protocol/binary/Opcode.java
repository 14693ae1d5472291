package io.slabcache.server.protocol.binary;

/** Binary protocol opcodes, with the facts the decoder and handler need about each. */
final class Opcode {

  static final int GET = 0x00;
  static final int SET = 0x01;
  static final int ADD = 0x02;
  static final int REPLACE = 0x03;
  static final int DELETE = 0x04;
  static final int INCREMENT = 0x05;
  static final int DECREMENT = 0x06;
  static final int QUIT = 0x07;
  static final int FLUSH = 0x08;
  static final int GETQ = 0x09;
  static final int NOOP = 0x0A;
  static final int VERSION = 0x0B;
  static final int GETK = 0x0C;
  static final int GETKQ = 0x0D;
  static final int APPEND = 0x0E;
  static final int PREPEND = 0x0F;
  static final int STAT = 0x10;
  static final int SETQ = 0x11;
  static final int ADDQ = 0x12;
  static final int REPLACEQ = 0x13;
  static final int DELETEQ = 0x14;
  static final int INCREMENTQ = 0x15;
  static final int DECREMENTQ = 0x16;
  static final int QUITQ = 0x17;
  static final int FLUSHQ = 0x18;
  static final int APPENDQ = 0x19;
  static final int PREPENDQ = 0x1A;
  static final int VERBOSITY = 0x1B;
  static final int TOUCH = 0x1C;
  static final int GAT = 0x1D;
  static final int GATQ = 0x1E;
  static final int SASL_LIST_MECHS = 0x20;
  static final int SASL_AUTH = 0x21;
  static final int SASL_STEP = 0x22;
  static final int GATK = 0x23;
  static final int GATKQ = 0x24;

  private Opcode() {}

  /** The loud opcode a quiet one stands for; the opcode itself if it is not quiet. */
  static int loud(int opcode) {
    switch (opcode) {
      case GETQ:
        return GET;
      case GETKQ:
        return GETK;
      case SETQ:
        return SET;
      case ADDQ:
        return ADD;
      case REPLACEQ:
        return REPLACE;
      case DELETEQ:
        return DELETE;
      case INCREMENTQ:
        return INCREMENT;
      case DECREMENTQ:
        return DECREMENT;
      case QUITQ:
        return QUIT;
      case FLUSHQ:
        return FLUSH;
      case APPENDQ:
        return APPEND;
      case PREPENDQ:
        return PREPEND;
      case GATQ:
        return GAT;
      case GATKQ:
        return GATK;
      default:
        return opcode;
    }
  }

  static boolean quiet(int opcode) {
    return loud(opcode) != opcode;
  }

  /** Whether the request's value is an item's data, bounded by the item size. */
  static boolean carriesItem(int loud) {
    return loud == SET || loud == ADD || loud == REPLACE || loud == APPEND || loud == PREPEND;
  }

  /**
   * Whether the header's lengths are valid for the opcode, as memcached checks them; null for an
   * unknown opcode.
   */
  static Boolean lengthsValid(int opcode, int extras, int key, long body) {
    switch (loud(opcode)) {
      case VERSION:
      case NOOP:
      case QUIT:
      case SASL_LIST_MECHS:
        return extras == 0 && key == 0 && body == 0;
      case FLUSH:
        return key == 0 && body == extras && (extras == 0 || extras == 4);
      case SET:
      case ADD:
      case REPLACE:
        return extras == 8 && key != 0 && body >= key + 8;
      case GET:
      case GETK:
        return extras == 0 && body == key && key > 0;
      case DELETE:
        return key > 0 && extras == 0 && body == key;
      case INCREMENT:
      case DECREMENT:
        return key > 0 && extras == 20 && body == key + extras;
      case APPEND:
      case PREPEND:
        return key > 0 && extras == 0;
      case STAT:
        return extras == 0;
      case SASL_AUTH:
      case SASL_STEP:
        return extras == 0 && key != 0;
      case TOUCH:
      case GAT:
      case GATK:
        return extras == 4 && key != 0;
      case VERBOSITY:
        return extras == 4 && key == 0 && body == 4;
      default:
        return null;
    }
  }
}
