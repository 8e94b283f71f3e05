package org.workdistlab.grader.suites.workqueue;
public class LcHook {
  public static void run(boolean bad, int it, int inv) {
    DequeLinearizability.factory = bad ? () -> new java.util.function.Supplier<org.workdistlab.exercises.workqueue.WorkStealingDeque<Integer>>() {
        public org.workdistlab.exercises.workqueue.WorkStealingDeque<Integer> get() { return null; } }.get() : null;
    DequeLinearizability.factory = bad ? Unsync::new : org.workdistlab.exercises.reference.workqueue.ChaseLevDeque::new;
    long t0 = System.nanoTime();
    try { DequeLinearizability.options(it, inv).check(DequeLinearizability.class); System.out.println("PASS"); }
    catch (Throwable e) { String m = String.valueOf(e.getMessage()); System.out.println("FAIL " + e.getClass() + "\n" + m.substring(0, Math.min(5000, m.length()))); }
    System.out.println("took ms " + (System.nanoTime()-t0)/1e6);
  }
  static class Unsync<T> implements org.workdistlab.exercises.workqueue.WorkStealingDeque<T> {
    final java.util.ArrayList<T> l = new java.util.ArrayList<>();
    public void push(T t){ l.add(t);} public T pop(){ return l.isEmpty()?null:l.remove(l.size()-1);}
    public T steal(){ return l.isEmpty()?null:l.remove(0);} public int size(){return l.size();}
  }
}
